// Hand-written stand-in for the generator test (not upstream code).
static const filtercheck_field_info sinsp_filter_check_fd_fields[] = {
        {PT_CHARBUF, EPF_IS_LIST | EPF_ARG_ALLOWED | EPF_NO_RHS, PF_NA, "fd.types", "Types", "types."},
        {PT_IPNET, EPF_FILTER_ONLY | EPF_NO_RHS, PF_NA, "fd.net", "Net", "net."},
};
