using TalentMesh.Evaluation.Rules.Cli;

return RulesCli.Run(args, Console.Out, Console.Error);
