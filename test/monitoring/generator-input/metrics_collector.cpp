// Hand-written stand-in of libs' metrics_collector.cpp: the converter's tables and naming code,
// in the shape the generator checks.
static re2::RE2 s_libs_metrics_units_suffix_pre_prometheus_text_conversion(
        "(_kb|_bytes|_mb|_perc|_percentage|_ratio|_ns|_ts|_sec|_total)",
        re2::RE2::POSIX);
static re2::RE2 s_libs_metrics_units_memory_suffix("(_kb|_bytes)", re2::RE2::POSIX);
static re2::RE2 s_libs_metrics_units_perc_suffix("(_perc)", re2::RE2::POSIX);
static const char* const metrics_unit_name_mappings_prometheus[] = {
        "total", "ratio", "percentage", "bytes", "kibibytes", "megabytes",
        "nanoseconds", "seconds", "nanoseconds_total", "seconds_total", "timestamp_nanoseconds",
};
static const char* const metrics_metric_type_name_mappings_prometheus[] = {
        "counter",
        "gauge",
};
std::string prometheus_metrics_converter::convert_metric_to_text_prometheus(const metrics_v2& metric, std::string_view prometheus_namespace, std::string_view prometheus_subsystem, const std::map<std::string, std::string>& const_labels) const {
	std::string prometheus_metric_name_fully_qualified =
	        prometheus_qualifier(prometheus_namespace, prometheus_subsystem) + std::string(metric.name) + "_";
	RE2::GlobalReplace(&prometheus_metric_name_fully_qualified, s_libs_metrics_units_suffix_pre_prometheus_text_conversion, "");
}
std::string prometheus_metrics_converter::convert_metric_to_text_prometheus(std::string_view metric_name, std::string_view prometheus_namespace, std::string_view prometheus_subsystem, const std::map<std::string, std::string>& const_labels) const {
	return prometheus_exposition_text(prometheus_qualifier(prometheus_namespace, prometheus_subsystem) + std::string(metric_name) + "_info", metric_name, "gauge", "1", const_labels);
}
void prometheus_metrics_converter::convert_metric_to_unit_convention(metrics_v2& metric) const {
	if((metric.unit == METRIC_VALUE_UNIT_MEMORY_BYTES || metric.unit == METRIC_VALUE_UNIT_MEMORY_KIBIBYTES) &&
	   (metric.type == METRIC_VALUE_TYPE_U32 || metric.type == METRIC_VALUE_TYPE_U64)) {
		RE2::GlobalReplace(&metric_name_str, s_libs_metrics_units_memory_suffix, "_bytes");
		metric.unit = METRIC_VALUE_UNIT_MEMORY_BYTES;
	} else if(metric.unit == METRIC_VALUE_UNIT_PERC && metric.type == METRIC_VALUE_TYPE_D) {
		RE2::GlobalReplace(&metric_name_str, s_libs_metrics_units_perc_suffix, "_ratio");
		metric.unit = METRIC_VALUE_UNIT_RATIO;
	}
}
libs_state_counters::libs_state_counters() {}
