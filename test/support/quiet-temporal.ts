import { installTemporalRuntimeLogging } from '../../libs/temporal';

// Each test process has its own Temporal runtime: keep it to errors, like the stack's worker.
installTemporalRuntimeLogging('test');
