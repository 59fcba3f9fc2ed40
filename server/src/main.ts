/**
 * `node --import tsx server/src/main.ts`: configuration from the environment, start, and a
 * graceful stop on SIGTERM/SIGINT (stop accepting, flush, close sockets with goingAway, close the
 * database, exit 0). Errors nothing else caught are logged and the server keeps serving
 * (`lastResort.ts`).
 */
import { pino } from "pino";
import { type ClusterConfig, clusterConfigFromEnv } from "./cluster/clusterConfig.js";
import { configFromEnv } from "./config.js";
import { startServer } from "./index.js";
import { installLastResort } from "./lastResort.js";

const bootLogger = pino();
let config: ReturnType<typeof configFromEnv>;
let cluster: ClusterConfig | null;
try {
  config = configFromEnv();
  cluster = clusterConfigFromEnv();
} catch (error) {
  bootLogger.fatal({ err: error }, "invalid configuration");
  process.exit(1);
}
const logger = pino({ level: config.logLevel });
installLastResort(logger);

try {
  const server = await startServer({ ...config, logger, cluster });
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  logger.fatal({ err: error }, "server failed to start");
  process.exit(1);
}
