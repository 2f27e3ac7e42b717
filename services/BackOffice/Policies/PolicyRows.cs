using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.BackOffice.Policies;

/// <summary>The kinds of test a fact condition makes (the <c>FactCondition.test</c> oneof).</summary>
public enum FactTestKind
{
    Category,
    Number,
    Flag,
    Date,
}

/// <summary>One eligibility condition as the editor shows it.</summary>
public sealed class FactConditionRow
{
    public string Fact { get; set; } = "";

    public FactTestKind Kind { get; set; } = FactTestKind.Category;

    /// <summary>Category values, comma-separated (e.g. "master, doctor").</summary>
    public string Values { get; set; } = "";

    public double? Min { get; set; }

    public double? Max { get; set; }

    public bool Flag { get; set; } = true;

    public int WithinMonths { get; set; } = 24;
}

/// <summary>An amount for a tier and/or an education value, in yuan.</summary>
public sealed class AmountRuleRow
{
    public Tier Tier { get; set; } = Tier.Unspecified;

    public string Education { get; set; } = "";

    public decimal? Amount { get; set; }
}

public sealed class MaterialRow
{
    public string MaterialId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public bool Optional { get; set; }
}
