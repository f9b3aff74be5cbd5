// Hand-written stand-in for the generator test (not upstream code).
package json

const (
	PluginName    = "json"
	PluginVersion = "0.7.4"
)

func (m *Plugin) Info() *plugins.Info {
	return &plugins.Info{Name: PluginName, Version: PluginVersion}
}

func (m *Plugin) Fields() []sdk.FieldEntry {
	return []sdk.FieldEntry{
		{Type: "string", Name: "json.value", Arg: sdk.FieldEntryArg{IsRequired: true, IsKey: true}, Desc: `A value, json.value[<pointer>].`},
		{Type: "string", Name: "json.obj", Desc: "The object."},
	}
}
