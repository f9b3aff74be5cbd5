// Stand-in for a client-gen typed client (test input of scripts/generate-kubernetes-resources.js).
package v1

import (
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	gentype "k8s.io/client-go/gentype"
	scheme "k8s.io/client-go/kubernetes/scheme"
)

// EvictionInterface has methods to work with Eviction resources.
type EvictionInterface interface {
	EvictionExpansion
}

type evictions struct {
	*gentype.Client[*policyv1.Eviction]
}

// newEvictions returns a Evictions
func newEvictions(c *PolicyV1Client, namespace string) *evictions {
	return &evictions{
		gentype.NewClient[*policyv1.Eviction, *policyv1.EvictionList](
			"evictions",
			c.RESTClient(),
			scheme.ParameterCodec,
			namespace,
			func() *policyv1.Eviction { return &policyv1.Eviction{} },
		),
	}
}
