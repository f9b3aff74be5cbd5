// Stand-in for a client-gen typed client (test input of scripts/generate-kubernetes-resources.js).
package v1

import (
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	gentype "k8s.io/client-go/gentype"
	scheme "k8s.io/client-go/kubernetes/scheme"
)

// IPAddressInterface has methods to work with IPAddress resources.
type IPAddressInterface interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*networkingv1.IPAddress, error)
	IPAddressExpansion
}

type iPAddresss struct {
	*gentype.Client[*networkingv1.IPAddress]
}

// newIPAddresss returns a IPAddresss
func newIPAddresss(c *NetworkingV1Client) *iPAddresss {
	return &iPAddresss{
		gentype.NewClientWithList[*networkingv1.IPAddress, *networkingv1.IPAddressList](
			"ipaddresses",
			c.RESTClient(),
			scheme.ParameterCodec,
			"",
			func() *networkingv1.IPAddress { return &networkingv1.IPAddress{} },
		),
	}
}
