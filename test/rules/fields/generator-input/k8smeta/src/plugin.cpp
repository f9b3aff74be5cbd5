// Hand-written stand-in for the generator test (not upstream code).
const char schema[] = R"(
{"additionalProperties": false, "x": "}{"}
)";
std::vector<falcosecurity::field_info> my_plugin::get_fields()
{
    const falcosecurity::field_info fields[] = {
            {ft::FTYPE_STRING, "k8smeta.pod.label", "Label", "A label, e.g. 'k8smeta.pod.label[foo]'.", {.key = true, .required = true}},
            {ft::FTYPE_STRING, "k8smeta.pod.labels", "Labels", "Labels.", falcosecurity::field_arg(), true},
    };
    return {};
}
