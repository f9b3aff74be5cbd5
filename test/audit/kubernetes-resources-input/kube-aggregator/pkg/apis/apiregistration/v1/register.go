// Stand-in for k8s.io/api register.go.
package v1

// GroupName is the group name use in this package
const GroupName = "apiregistration.k8s.io"
