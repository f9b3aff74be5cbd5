// Hand-written stand-in for the generator test (not upstream code).
std::vector<falcosecurity::field_info> my_plugin::get_fields()
{
    falcosecurity::field_arg both;
    both.key = true;
    both.index = true;
    both.required = true;
    const falcosecurity::field_info fields[] = {
            {ft::FTYPE_STRING, "container.id", "ID", "The id.", {}, false, {}, true},
            {ft::FTYPE_STRING, "container.mount", "Mount", "A mount.", both},
            {ft::FTYPE_UINT64, "container.legacy", "[Deprecated] Legacy", "Old."},
            {ft::FTYPE_STRING, "container.secret", "Secret", "Hidden.", {}, true, {"hidden"}},
    };
    return std::vector<falcosecurity::field_info>(fields, fields + 4);
}
