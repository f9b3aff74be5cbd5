// Hand-written stand-in for the generator test (not upstream code).
package k8saudit

func (k *Plugin) Info() *plugins.Info {
	return &plugins.Info{
		ID:          1,
		Name:        "k8saudit",
		Version:     "0.18.0",
		EventSource: "k8s_audit",
	}
}
