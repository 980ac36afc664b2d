/** Entry point for integ-runner (`npx integ-runner --directory integ …`, see infra/README.md). */
import { App } from 'aws-cdk-lib';
import { buildAcceptanceTest } from './acceptance';

const app = new App();
buildAcceptanceTest(app);
app.synth();
