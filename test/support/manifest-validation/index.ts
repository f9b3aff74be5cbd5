export { validateKubernetesObject } from './kubernetes-object';
export { validateHelmChart, HELM_CONTROLLER_API_VERSION } from './helm-chart';
export { helmValuePaths, formatHelmValuePath, type HelmValuePath } from './helm-value-paths';
export { checkValuesAgainstChart } from './chart-values';
export { checkHelmChartValues, pinnedValuesFile } from './helm-chart-values';
export { validateManifests } from './manifests';
export { FREE_FORM_VALUES, type FreeFormValue } from './free-form-values';
export { DOCUMENTED_OPTIONAL_VALUES, type DocumentedOptionalValue } from './documented-optional-values';
