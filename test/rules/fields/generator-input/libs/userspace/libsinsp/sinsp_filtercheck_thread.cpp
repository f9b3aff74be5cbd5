// Hand-written stand-in for the generator test (not upstream code).
static const filtercheck_field_info sinsp_filter_check_thread_fields[] = {
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.aargs", "X", "proc.aargs."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.acmdline", "X", "proc.acmdline."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.aenv", "X", "proc.aenv."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.aexe", "X", "proc.aexe."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.aexepath", "X", "proc.aexepath."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.aname", "X", "proc.aname."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.apid", "X", "proc.apid."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.args", "X", "proc.args."},
        {PT_CHARBUF, EPF_ARG_ALLOWED, PF_NA, "proc.env", "X", "proc.env."},
        {PT_CHARBUF, EPF_ARG_REQUIRED, PF_NA, "thread.cgroup", "Cgroup", "cgroup."},
};
