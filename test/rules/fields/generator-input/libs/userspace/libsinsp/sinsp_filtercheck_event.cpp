// Hand-written stand-in for the generator test (not upstream code).
/* a comment with a "quote" */
const filtercheck_field_info sinsp_filter_check_event_fields[] = {
        {PT_CHARBUF, EPF_ARG_REQUIRED | EPF_NO_PTR_STABILITY, PF_NA, "evt.arg", "Argument", "one argument."},
        {PT_CHARBUF, EPF_ARG_REQUIRED, PF_NA, "evt.abspath", "Path", "a path; 'evt.abspath.src' or 'evt.abspath.dst'."},
        {PT_RELTIME, EPF_NONE | EPF_DEPRECATED, PF_DEC, "evt.latency", "Latency", "deprecated."},
        {PT_DYN, EPF_ARG_REQUIRED | EPF_NO_RHS, PF_NA, "evt.rawarg", "Raw", "raw."},
        {PT_UINT64, (filtercheck_field_flags)(EPF_FILTER_ONLY | EPF_ARG_REQUIRED), PF_DEC, "evt.around", "Around", "around."},
        {PT_UINT32, EPF_TABLE_ONLY, PF_DEC, "evt.count.procinfo", "Count", "table only."},
        {PT_UINT32, EPF_ARG_REQUIRED, PF_DEC, "evt.type.is", "Is", "type."},
};
