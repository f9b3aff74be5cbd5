// Stand-in for a client-gen typed client (test input of scripts/generate-kubernetes-resources.js).
package v1

import (
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	gentype "k8s.io/client-go/gentype"
	scheme "k8s.io/client-go/kubernetes/scheme"
)

// DeploymentInterface has methods to work with Deployment resources.
type DeploymentInterface interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*appsv1.Deployment, error)
	DeploymentExpansion
}

type deployments struct {
	*gentype.Client[*appsv1.Deployment]
}

// newDeployments returns a Deployments
func newDeployments(c *AppsV1Client, namespace string) *deployments {
	return &deployments{
		gentype.NewClientWithList[*appsv1.Deployment, *appsv1.DeploymentList](
			"deployments",
			c.RESTClient(),
			scheme.ParameterCodec,
			namespace,
			func() *appsv1.Deployment { return &appsv1.Deployment{} },
		),
	}
}
