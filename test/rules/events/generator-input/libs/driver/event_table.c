/* Hand-written stand-in for driver/event_table.c. [PPME_COMMENTED_E] = {"commented"} is ignored. */
#include "ppm_events_public.h"

const struct ppm_event_info g_event_info[] = {
        [PPME_GENERIC_E] = {"syscall", EC_OTHER | EC_SYSCALL, EF_NONE, 0},
        [PPME_GENERIC_X] = {"syscall", EC_OTHER | EC_SYSCALL, EF_NONE, 0},
        [PPME_SYSCALL_OPEN_E] =
                {"open", EC_FILE | EC_SYSCALL, EF_NONE, 0},
        // [PPME_SYSCALL_OPEN_X] = {"not_this_one", ...},
        [PPME_SYSCALL_OPEN_X] = {"open", EC_FILE | EC_SYSCALL, EF_NONE, 0},
        [PPME_UNUSED_X] = {"NA", EC_UNKNOWN, EF_UNUSED, 0},
};
