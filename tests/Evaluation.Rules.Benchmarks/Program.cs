using BenchmarkDotNet.Running;
using TalentMesh.Evaluation.Rules.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
