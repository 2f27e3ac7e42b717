using System.Security.Cryptography;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// Identifies a rule-set version: lowercase hex SHA-256 of the compact canonical form (see
/// <see cref="RuleSetWriter"/>). Comments, whitespace, field order and omitted defaults do not change it.
/// </summary>
public static class ContentHash
{
    public static string Of(RuleSet ruleSet) =>
        Convert.ToHexStringLower(SHA256.HashData(RuleSetWriter.WriteUtf8(ruleSet, indented: false)));
}
