// Every test process starts without AWS credentials or endpoints from the developer's shell:
// a test reaches only the local cloud it starts itself.
for (const key of Object.keys(process.env)) {
  if (key.startsWith('AWS_') || key.startsWith('CDK_')) delete process.env[key];
}
process.env.AWS_REGION = 'us-east-1';
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
if (!(Promise as any).withResolvers) require('../local/polyfills');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
