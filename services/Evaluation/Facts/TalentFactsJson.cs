using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// The stored form of the facts projection: System.Text.Json with the web defaults (camelCase), source-generated so
/// that every event, rollout step and preview reads a talent without reflection-driven metadata.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TalentFacts))]
public sealed partial class TalentFactsJson : JsonSerializerContext;
