using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Between the vocabulary and the engine: facts into a rule set's fact set (facts it does not declare are not its
/// business and are left out), and the facts snapshot stored with each evaluation, in both directions.
/// </summary>
public static class EngineFacts
{
    /// <summary>
    /// The facts the rule set declares. A value the rule set cannot take (outside its declared range, a category it
    /// does not list) is left out, as not provided, and reported in <paramref name="refused"/>: a derived fact must
    /// never stop a talent's evaluation, and the what-if call turns the refusals into field violations.
    /// </summary>
    public static FactSet ToFactSet(CompiledRuleSet ruleSet, IEnumerable<NamedFact> facts, List<string>? refused = null)
    {
        var set = ruleSet.CreateFactSet();
        foreach (var fact in facts)
        {
            // Derived facts (min, max, sum over facts) are the engine's to compute, never an input.
            if (ruleSet.Fact(fact.Name) is not { Definition.Derived: null })
                continue;
            try
            {
                var value = fact.Value;
                if (value.Category is { } category)
                    set.Set(fact.Name, category, fact.CredentialIds);
                else if (value.Number is { } number)
                    set.Set(fact.Name, number, fact.CredentialIds);
                else if (value.Flag is { } flag)
                    set.Set(fact.Name, flag, fact.CredentialIds);
            }
            catch (FactsException exception)
            {
                refused?.AddRange(exception.Errors);
            }
        }
        return set;
    }

    /// <summary>Replaces one numeric fact in a fact set; a value the rule set cannot take leaves it not provided.</summary>
    public static void Overwrite(FactSet set, NamedFact fact)
    {
        if (set.RuleSet.Fact(fact.Name) is not { Definition.Derived: null } declared || fact.Value.Number is not { } number)
            return;
        try
        {
            set.Set(fact.Name, number, fact.CredentialIds);
        }
        catch (FactsException)
        {
            set.Unset(declared.Slot);
        }
    }

    public static Fact ToProto(NamedFact fact)
    {
        var proto = new Fact { Key = fact.Name };
        var value = fact.Value;
        if (value.Category is { } category)
            proto.Category = category;
        else if (value.Number is { } number)
            proto.Number = (double)number;
        else if (value.Flag is { } flag)
            proto.Flag = flag;
        else if (value.Date is { } date)
            proto.Date = new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day };
        return proto;
    }

    /// <summary>A proto fact as a vocabulary fact; null when it has no value or an impossible date.</summary>
    public static NamedFact? FromProto(Fact fact, IReadOnlyList<string> credentialIds) => fact.ValueCase switch
    {
        Fact.ValueOneofCase.Category => new NamedFact(fact.Key, FactValue.Of(fact.Category), credentialIds),
        Fact.ValueOneofCase.Number when double.IsFinite(fact.Number) && Math.Abs(fact.Number) < 1e15 => new NamedFact(fact.Key, FactValue.Of((decimal)fact.Number), credentialIds),
        Fact.ValueOneofCase.Flag => new NamedFact(fact.Key, FactValue.Of(fact.Flag), credentialIds),
        Fact.ValueOneofCase.Date when CredentialDate(fact.Date) is { } date => new NamedFact(fact.Key, FactValue.Of(date), credentialIds),
        _ => null,
    };

    public static IEnumerable<EvaluatedFact> Snapshot(IEnumerable<NamedFact> facts) =>
        facts.Select(f => new EvaluatedFact { Fact = ToProto(f), CredentialIds = { f.CredentialIds } });

    public static IReadOnlyList<NamedFact> FromSnapshot(IEnumerable<EvaluatedFact> snapshot) =>
        snapshot.Select(f => FromProto(f.Fact, f.CredentialIds.ToList())).OfType<NamedFact>().ToList();

    public static TalentFactsSummary Summary(IEnumerable<EvaluatedFact> snapshot)
    {
        var summary = new TalentFactsSummary();
        summary.Facts.AddRange(snapshot.Select(f => f.Fact));
        return summary;
    }

    public static Timestamp Timestamp(DateTimeOffset instant) => Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(instant);

    private static DateOnly? CredentialDate(Google.Type.Date date)
    {
        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
