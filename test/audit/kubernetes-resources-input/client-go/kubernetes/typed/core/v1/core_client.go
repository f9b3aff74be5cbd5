// Stand-in: a group client, not a resource.
package v1
