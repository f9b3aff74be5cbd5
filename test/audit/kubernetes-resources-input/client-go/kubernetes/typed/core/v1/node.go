// Stand-in for a client-gen typed client (test input of scripts/generate-kubernetes-resources.js).
package v1

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	gentype "k8s.io/client-go/gentype"
	scheme "k8s.io/client-go/kubernetes/scheme"
)

// NodeInterface has methods to work with Node resources.
type NodeInterface interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*corev1.Node, error)
	NodeExpansion
}

type nodes struct {
	*gentype.Client[*corev1.Node]
}

// newNodes returns a Nodes
func newNodes(c *CoreV1Client) *nodes {
	return &nodes{
		gentype.NewClientWithList[*corev1.Node, *corev1.NodeList](
			"nodes",
			c.RESTClient(),
			scheme.ParameterCodec,
			"",
			func() *corev1.Node { return &corev1.Node{} },
		),
	}
}
