// Reads rendered manifests (multi-document YAML) on stdin and checks each against the schema of
// its kind: Kubernetes' own (kubernetes-models) and the operators' CRDs (Strimzi, CloudNativePG,
// KEDA, prometheus-operator), as published in the kubernetes-models packages. Prints one line
// per problem ("<kind>/<name>: <path> <message>") and exits 1 if there is any.
import { parseAllDocuments } from "yaml";
import * as apps from "kubernetes-models/apps/v1";
import * as core from "kubernetes-models/v1";
import * as policy from "kubernetes-models/policy/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as strimzi from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1";
import * as cnpg from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1";
import * as keda from "@kubernetes-models/keda/keda.sh/v1alpha1";
import * as monitoring from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const models = {
  "apps/v1": apps,
  "v1": core,
  "policy/v1": policy,
  "networking.k8s.io/v1": networking,
  "kafka.strimzi.io/v1": strimzi,
  "postgresql.cnpg.io/v1": cnpg,
  "keda.sh/v1alpha1": keda,
  "monitoring.coreos.com/v1": monitoring,
};

let input = "";
for await (const chunk of process.stdin) input += chunk;

let problems = 0;
let checked = 0;
for (const doc of parseAllDocuments(input)) {
  if (doc.errors.length) {
    doc.errors.forEach((e) => console.log(`YAML: ${e.message}`));
    problems += doc.errors.length;
    continue;
  }
  const object = doc.toJS();
  if (!object) continue;
  const where = `${object.kind}/${object.metadata?.name}`;
  const Model = models[object.apiVersion]?.[object.kind];
  if (!Model) {
    console.log(`${where}: no schema known for ${object.apiVersion} ${object.kind}`);
    problems++;
    continue;
  }
  if (object.kind === "Secret" && object.data) {
    // kustomize folds long base64 values over lines; Kubernetes' decoder skips the line breaks
    for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/\s/g, "");
  }
  try {
    new Model(object).validate();
    checked++;
  } catch (error) {
    for (const line of String(error.message).split("\n")) console.log(`${where}: ${line}`);
    problems++;
  }
}
console.log(`checked ${checked} objects, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
