// Hand-written stand-in for the generator test (not upstream code).
sinsp_filter_check_list::sinsp_filter_check_list() {
	add_filter_check(std::make_unique<sinsp_filter_check_gen_event>());
	add_filter_check(std::make_unique<sinsp_filter_check_event>());
	add_filter_check(std::make_unique<sinsp_filter_check_thread>());
	add_filter_check(std::make_unique<sinsp_filter_check_fd>());
	add_filter_check(std::make_unique<sinsp_filter_check_utils>());
}
