// Stand-in: hand-written methods, not a resource.
package v1
