// Hand-written stand-in for the generator test (not upstream code).
package k8saudit

func (k *Plugin) Fields() []sdk.FieldEntry {
	fields := []sdk.FieldEntry{
		{
			Type: "string",
			Name: "ka.user.name",
			Desc: "The user name",
		},
		{
			Type:   "string",
			Name:   "ka.req.pod.containers.image",
			Desc:   "Images",
			IsList: true,
			Arg:    sdk.FieldEntryArg{IsRequired: false, IsIndex: true},
		},
		{
			Type: "string",
			Name: "ka.req.container.image",
			Desc: "Deprecated by ka.req.pod.containers.image",
		},
	}
	fields = append(fields, listFields("initContainers", true)...)
	return fields
}

func listFields(list string, withPort bool) []sdk.FieldEntry {
	prefix := "ka.req.pod." + list + "."
	entry := func(name, desc string) sdk.FieldEntry {
		return sdk.FieldEntry{Type: "string", Name: prefix + name, Desc: desc, IsList: true, Arg: sdk.FieldEntryArg{IsIndex: true}}
	}
	fields := []sdk.FieldEntry{
		entry("privileged", "The privileged flags of "+list+"."),
	}
	if withPort {
		fields = append(fields, entry("host_port", "Ports."))
	}
	return fields
}
