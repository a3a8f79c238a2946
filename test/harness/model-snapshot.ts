import { lintModel } from '../../server/src/features/lint';
import type { DockerfileModel } from '../../server/src/model/document';

/** Everything rules can read of a model, as plain data: two models that serialise alike are alike to rules. */
export function snapshot(model: DockerfileModel): unknown {
  const stageIndex = (s: { index: number } | undefined): number => s?.index ?? -1;
  return {
    escapeChar: model.escapeChar,
    directives: model.directives,
    globalArgs: model.globalArgs.map((i) => i.line),
    instructions: model.instructions.map((i) => ({
      keyword: i.keyword,
      start: i.start,
      end: i.end,
      line: i.line,
      range: i.range,
      stage: stageIndex(i.stage),
      args: i.args.map((a) => [a.getValue(), a.getRange()]),
      declares: i.declares,
      scope: [...i.scope],
      shell: model.shell(i)?.commands.map((c) => [c.name.value, c.start, c.end, c.args.map((w) => [w.value, w.start, w.end]), c.depth, c.item?.separatorBefore]),
    })),
    stages: model.stages.map((s) => ({
      index: s.index,
      name: s.name,
      from: s.from.line,
      base: s.base.kind === 'stage' ? { kind: 'stage', stage: s.base.stage.index } : { ...s.base },
      parent: stageIndex(s.parent),
      os: s.os,
      isFinal: s.isFinal,
      user: { ...s.user, instr: s.user.instr?.line },
      instructions: s.instructions.map((i) => i.line),
    })),
    carried: model.carried.map((i) => ({
      keyword: i.keyword,
      start: i.start,
      end: i.end,
      line: i.line,
      stage: stageIndex(i.stage),
      by: i.carriedBy?.line,
      shell: model.shell(i)?.commands.map((c) => [c.name.value, c.start, c.end, c.args.map((w) => [w.value, w.start, w.end])]),
    })),
    final: stageIndex(model.finalStage),
    findings: lintModel(model).findings,
  };
}
