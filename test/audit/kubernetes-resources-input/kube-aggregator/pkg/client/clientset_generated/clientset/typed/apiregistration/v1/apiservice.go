// Stand-in for a client-gen typed client (test input of scripts/generate-kubernetes-resources.js).
package v1

import (
	apiregistrationv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	gentype "k8s.io/client-go/gentype"
	scheme "k8s.io/kube-aggregator/pkg/client/clientset_generated/clientset/scheme"
)

// APIServiceInterface has methods to work with APIService resources.
type APIServiceInterface interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*apiregistrationv1.APIService, error)
	APIServiceExpansion
}

type aPIServices struct {
	*gentype.Client[*apiregistrationv1.APIService]
}

// newAPIServices returns a APIServices
func newAPIServices(c *ApiregistrationV1Client) *aPIServices {
	return &aPIServices{
		gentype.NewClientWithList[*apiregistrationv1.APIService, *apiregistrationv1.APIServiceList](
			"apiservices",
			c.RESTClient(),
			scheme.ParameterCodec,
			"",
			func() *apiregistrationv1.APIService { return &apiregistrationv1.APIService{} },
		),
	}
}
