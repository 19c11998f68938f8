// GD001: the shipped image still contains the Go toolchain (no multi-stage build).
import { stageChain } from '../engine/model/env';
import { entryBuiltInChain } from '../engine/model/artifacts';
import { baseLabel, isDevStage, lowerSeverity, runtimeTargets, stageLabel } from '../engine/model/queries';
import type { Stage } from '../engine/model/types';
import { splitStagesFix } from './fixes/split-stages';
import { BUILD_ONLY, defineRule, type Report } from './types';

export default defineRule({
  meta: {
    code: 'GD001',
    name: 'toolchain-in-final-image',
    description: 'The final image is based on a Go toolchain image and runs a binary built in it: use a multi-stage build.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    appliesTo: BUILD_ONLY,
  },
  check({ model, settings }) {
    const reports: Report[] = [];
    for (const { stage, lower } of runtimeTargets(model)) {
      if (stage.info.go !== true || stage.os === 'windows') continue;
      if (isDevStage(stage)) continue;
      const built = entryBuiltInChain(model, stage);
      if (!built) continue;
      // `ENTRYPOINT ["go", …]`: the toolchain is the product.
      if (/^(\/usr\/local\/go\/bin\/)?go$/.test(built.entry.argv[0] ?? '')) continue;
      const via = viaStage(stage);
      reports.push({
        range: stage.imageRange,
        severity: lowerSeverity('warning', lower),
        message:
          `The final image ${stage.name ? `(stage '${stage.name}') ` : ''}is ${baseLabel(stage)}${via ? ` through stage ${stageLabel(via)}` : ''}: ` +
          `it ships the whole Go toolchain (hundreds of MB) only to run ${built.path}. Build in one stage and copy the binary into a minimal runtime stage.`,
        fixes: splitStagesFix(model, stage, built, settings),
        related: [{ range: built.entry.exeRange, message: 'the container runs the binary built in this image' }],
      });
    }
    return reports;
  },
});

function viaStage(stage: Stage): Stage | undefined {
  const chain = stageChain(stage);
  return chain.length > 1 ? chain[chain.length - 1] : undefined;
}
