# One image for every app the Helm chart (infra/helm/beijing-approvals) runs: the API with the
# consoles, the worker, the departments' services, the migrations Job and the worker's probe.
#   docker build -t <registry>/beijing-approvals:<version> .
# Layout the chart relies on: /app/dist (npm run build, with dist/workflow-bundle.js), the
# consoles in /app/apps/api/console, production node_modules; user `node` (uid 1000).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY apps/api/console ./apps/api/console
USER node
CMD ["node", "dist/apps/api/src/main.js"]
