// Hand-written stand-in for the generator test (not upstream code).
static const filtercheck_field_info sinsp_filter_check_gen_event_fields[] = {
        {PT_UINT64, EPF_NONE, PF_ID, "evt.num", "Number", "event number."},
        {PT_CHARBUF, EPF_NONE, PF_NA, "evt.time", "Time", "a description " "in two parts"},
};
