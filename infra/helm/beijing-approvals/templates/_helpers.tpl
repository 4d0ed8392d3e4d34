{{/* Names and labels. */}}
{{- define "approvals.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "approvals.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's name: "<fullname>-api"; dict "root" . "component" "api". */}}
{{- define "approvals.componentName" -}}
{{- printf "%s-%s" (include "approvals.fullname" .root | trunc 50 | trimSuffix "-") .component -}}
{{- end -}}

{{- define "approvals.selectorLabels" -}}
app.kubernetes.io/name: {{ include "approvals.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "approvals.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{ include "approvals.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: beijing-approvals
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{- define "approvals.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "approvals.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "approvals.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) -}}
{{- end -}}
{{- end -}}

{{/* The departments' base URL as the workers and the API's readiness see it; empty when external and unset. */}}
{{- define "approvals.departmentsUrl" -}}
{{- if .Values.departments.enabled -}}
{{- printf "http://%s:%v" (include "approvals.componentName" (dict "root" . "component" "departments")) .Values.departments.service.port -}}
{{- else -}}
{{- .Values.departments.externalUrl -}}
{{- end -}}
{{- end -}}

{{/* One env entry read from an existing Secret: dict "root" . "name" "DATABASE_URL"; nothing when the ref is removed. */}}
{{- define "approvals.secretEnv" -}}
{{- $ref := index .root.Values.secrets.refs .name -}}
{{- if $ref -}}
{{- $keyRef := dict "name" (default .root.Values.secrets.name $ref.secret) "key" $ref.key -}}
{{- if $ref.optional }}{{ $_ := set $keyRef "optional" true }}{{ end -}}
{{- toYaml (list (dict "name" .name "valueFrom" (dict "secretKeyRef" $keyRef))) -}}
{{- end -}}
{{- end -}}

{{/* Plain env entries from a map of strings, sorted by name (so renders are stable). */}}
{{- define "approvals.plainEnv" -}}
{{- $env := list -}}
{{- range $name := keys . | sortAlpha -}}
{{- $env = append $env (dict "name" $name "value" (index $ $name | toString)) -}}
{{- end -}}
{{- if $env }}{{ toYaml $env }}{{ end -}}
{{- end -}}

{{/* What every app shares: production mode, and where Temporal is. */}}
{{- define "approvals.temporalEnv" -}}
- name: NODE_ENV
  value: production
- name: TEMPORAL_ADDRESS
  value: {{ .Values.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
- name: TEMPORAL_TASK_QUEUE
  value: {{ .Values.temporal.taskQueue | quote }}
{{- if .Values.temporal.tls }}
- name: TEMPORAL_TLS
  value: "true"
{{- end }}
{{- if .Values.temporal.clientCertSecret }}
- name: TEMPORAL_TLS_CERT_PATH
  value: /etc/beijing-approvals/temporal-tls/tls.crt
- name: TEMPORAL_TLS_KEY_PATH
  value: /etc/beijing-approvals/temporal-tls/tls.key
{{- end }}
{{- range $name := list "TEMPORAL_API_KEY" "TEMPORAL_PAYLOAD_KEY" "TEMPORAL_PAYLOAD_PREVIOUS_KEYS" "METRICS_TOKEN" }}
{{- with include "approvals.secretEnv" (dict "root" $ "name" $name) }}
{{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Volumes every pod has: a writable /tmp (the root filesystem is read-only) and Temporal's client certificate. */}}
{{/* dict "root" . "temporal" <whether the app talks to Temporal> */}}
{{- define "approvals.volumes" -}}
- name: tmp
  emptyDir: {}
{{- if and .temporal .root.Values.temporal.clientCertSecret }}
- name: temporal-tls
  secret:
    secretName: {{ .root.Values.temporal.clientCertSecret }}
{{- end }}
{{- end -}}

{{- define "approvals.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if and .temporal .root.Values.temporal.clientCertSecret }}
- name: temporal-tls
  mountPath: /etc/beijing-approvals/temporal-tls
  readOnly: true
{{- end }}
{{- end -}}

{{/* Pod-level settings every app shares; dict "root" . "app" .Values.api "component" "api". */}}
{{- define "approvals.podSpecCommon" -}}
serviceAccountName: {{ include "approvals.serviceAccountName" .root }}
automountServiceAccountToken: false
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ .app.terminationGracePeriodSeconds }}
{{- with .app.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .app.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .app.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .root.Values.topologySpread.enabled }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: {{ .root.Values.topologySpread.topologyKey }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "approvals.selectorLabels" (dict "root" .root "component" .component) | nindent 8 }}
{{- end }}
volumes:
  {{- include "approvals.volumes" (dict "root" .root "temporal" (ne .component "departments")) | nindent 2 }}
{{- end -}}

{{/* A probe from its timings; dict "timing" .Values.api.probes.startup "handler" (dict ...). */}}
{{- define "approvals.probe" -}}
{{- toYaml .handler }}
periodSeconds: {{ .timing.periodSeconds }}
failureThreshold: {{ .timing.failureThreshold }}
timeoutSeconds: {{ .timing.timeoutSeconds }}
{{- end -}}

{{/*
Settings the chart refuses, every problem named at once (as the apps do at start): development
mode in any form, secrets as plain values, settings the chart derives itself, and values an
installation must name.
*/}}
{{- define "approvals.validate" -}}
{{- $problems := list -}}
{{- $devOnly := dict "NODE_ENV" "every app runs with NODE_ENV=production" "AUTH_DEV_PRIVATE_KEY" "development logins are not allowed in production" "OIDC_PROVIDER_SETTINGS" "the embedded OpenID provider is for development only" "HIGH_TECH_PUBLIC_NOTICE_SECONDS" "a 公示 of seconds is for demos, not production" "DEPARTMENTS_DEV_ENDPOINTS" "the departments' dev endpoints are not served in production" -}}
{{- $derived := dict "TEMPORAL_ADDRESS" "temporal.address" "TEMPORAL_NAMESPACE" "temporal.namespace" "TEMPORAL_TASK_QUEUE" "temporal.taskQueue" "TEMPORAL_TLS" "temporal.tls" "TEMPORAL_TLS_CERT_PATH" "temporal.clientCertSecret" "TEMPORAL_TLS_KEY_PATH" "temporal.clientCertSecret" "API_HOST" "the chart" "API_PORT" "api.port" "API_TRUST_PROXY" "api.trustProxy" "API_DOCS_ENABLED" "api.docsEnabled" "DEPARTMENTS_HOST" "the chart" "DEPARTMENTS_PORT" "departments.port" "DEPARTMENTS_URL" "departments.enabled / departments.externalUrl" "WORKFLOW_BUNDLE_PATH" "the image" "WORKER_POLL_MAX_AGE_SECONDS" "workerPollMaxAgeSeconds" "AUTH_JWT_AUDIENCE" "auth.jwtAudience" "AUTH_JWT_ISSUER" "auth.jwtIssuer" "AUTH_CLAIM_ROLES" "auth.claims.roles" "AUTH_CLAIM_AGENCY" "auth.claims.agency" "AUTH_CLAIM_NAME" "auth.claims.name" "AUTH_CLAIM_APPLICANT_ID" "auth.claims.applicantId" "AUTH_OIDC_CONSOLE_CLIENT_ID" "auth.consoleClientId" "AUTH_OIDC_CONSOLE_SCOPE" "auth.consoleScope" "PUBLIC_BASE_URL" "publicBaseUrl (or ingress.host)" -}}
{{- $maps := dict "api.env" .Values.api.env "worker.env" .Values.worker.env "worker.settings" .Values.worker.settings "departments.env" .Values.departments.env "extraEnv" .Values.extraEnv -}}
{{- range $where := keys $maps | sortAlpha -}}
{{- range $name := keys (index $maps $where) | sortAlpha -}}
{{- if hasKey $devOnly $name -}}
{{- $problems = append $problems (printf "%s.%s: %s" $where $name (index $devOnly $name)) -}}
{{- else if hasKey $.Values.secrets.refs $name -}}
{{- $problems = append $problems (printf "%s.%s: a secret, read from an existing Secret (secrets.refs.%s), never a plain value" $where $name $name) -}}
{{- else if hasKey $derived $name -}}
{{- $problems = append $problems (printf "%s.%s: set by the chart from %s" $where $name (index $derived $name)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if eq (toString .Values.auth.jwtIssuer) "beijing-approvals-dev" -}}
{{- $problems = append $problems "auth.jwtIssuer: production must not name the development issuer 'beijing-approvals-dev'" -}}
{{- end -}}
{{- $required := list "DATABASE_URL" "TEMPORAL_PAYLOAD_KEY" "DEPARTMENTS_SERVICE_PRIVATE_KEY" -}}
{{- if not .Values.auth.oidcDiscoveryUrl -}}{{- $required = append $required "AUTH_OIDC_DISCOVERY_URL" -}}
{{- else if not (hasPrefix "https://" (toString .Values.auth.oidcDiscoveryUrl)) -}}
{{- $problems = append $problems "auth.oidcDiscoveryUrl: production reads its OpenID provider over https only (the embedded development provider is not for production)" -}}
{{- end -}}
{{- if and .Values.publicBaseUrl (not (hasPrefix "https://" (toString .Values.publicBaseUrl))) -}}
{{- $problems = append $problems "publicBaseUrl: production serves the public over https only (the QR code on every issued document opens it)" -}}
{{- end -}}
{{- if .Values.departments.enabled -}}{{- $required = concat $required (list "DEPARTMENTS_DATABASE_URL" "DEPARTMENTS_SERVICE_PUBLIC_KEY") -}}{{- end -}}
{{- range $name := $required -}}
{{- $ref := index $.Values.secrets.refs $name | default dict -}}
{{- if not $ref.key -}}
{{- $problems = append $problems (printf "secrets.refs.%s.key: the key in the Secret holding %s" $name $name) -}}
{{- else if $ref.optional -}}
{{- $problems = append $problems (printf "secrets.refs.%s.optional: %s is required; a missing key must stop the pod, not start it without one" $name $name) -}}
{{- end -}}
{{- if not (default $.Values.secrets.name $ref.secret) -}}
{{- $problems = append $problems (printf "secrets.refs.%s.secret (or secrets.name): the existing Secret holding %s" $name $name) -}}
{{- end -}}
{{- end -}}
{{- if not .Values.image.repository -}}
{{- $problems = append $problems "image.repository: the image's registry path (built from infra/container/Dockerfile)" -}}
{{- end -}}
{{- if and (not .Values.image.digest) (eq (toString .Values.image.tag) "latest") -}}
{{- $problems = append $problems "image.tag: a fixed version or image.digest, never latest: workers on different code would replay each other's cases differently" -}}
{{- end -}}
{{- if not .Values.temporal.address -}}
{{- $problems = append $problems "temporal.address: host:port of the Temporal frontend" -}}
{{- end -}}
{{- if and .Values.ingress.enabled (not .Values.ingress.host) -}}
{{- $problems = append $problems "ingress.host: the host name the consoles and the API are served on" -}}
{{- end -}}
{{- if and (not .Values.departments.enabled) (not .Values.departments.externalUrl) -}}
{{- $problems = append $problems "departments.externalUrl: the departments' base URL the workers call (departments.enabled is false)" -}}
{{- end -}}
{{- if $problems -}}
{{- fail (printf "\nInvalid values:\n  %s" (join "\n  " $problems)) -}}
{{- end -}}
{{- end -}}

{{/* Where the public reaches the consoles (documents' QR codes open its verification page): publicBaseUrl, else https://ingress.host. */}}
{{- define "approvals.publicBaseUrl" -}}
{{- if .Values.publicBaseUrl -}}{{ .Values.publicBaseUrl }}{{- else if .Values.ingress.host -}}https://{{ .Values.ingress.host }}{{- end -}}
{{- end }}
