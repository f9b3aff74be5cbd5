// Hand-written stand-in for the generator test (not upstream code).
static const filtercheck_field_info sinsp_filter_check_utils_fields[] = {
        {PT_UINT64, EPF_NONE, PF_ID, "util.cnt", "Counter", "counter."},
};
static const filter_check_info s_field_infos = {"util", "", "", 1, sinsp_filter_check_utils_fields, filter_check_info::FL_HIDDEN};
