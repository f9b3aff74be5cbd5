/* Hand-written stand-in for driver/event_table.c. [PPME_COMMENTED_E] = {"commented"} is ignored. */
#include "ppm_events_public.h"

const struct ppm_event_info g_event_info[] = {
        [PPME_GENERIC_E] = {"syscall", EC_OTHER | EC_SYSCALL, EF_NONE, 2, {{"ID", PT_SYSCALLID, PF_DEC}, {"nativeID", PT_UINT16, PF_DEC}}},
        [PPME_GENERIC_X] = {"syscall", EC_OTHER | EC_SYSCALL, EF_NONE, 0},
        [PPME_UNUSED_X] = {"NA", EC_UNKNOWN, EF_UNUSED, 1, {{"res", PT_PID32, PF_DEC}}},
        [PPME_SYSCALL_OPEN_E] =
                {"open", EC_FILE | EC_SYSCALL, EF_NONE, 2,
                 {{"name", PT_FSPATH, PF_NA}, /* {"commented", PT_UINT8, PF_DEC}, */
                  {"flags", PT_FLAGS32, PF_HEX, file_flags}}},
        // [PPME_SYSCALL_OPEN_X] = {"not_this_one", ...},
        [PPME_SYSCALL_OPEN_X] = {"open", EC_FILE | EC_SYSCALL, EF_NONE, 2, {{"res", PT_ERRNO, PF_DEC}, {"name", PT_CHARBUF, PF_NA}}},
};
