using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

internal sealed class GridValidator(ValidationContext context, string subject, string path)
{
    public void Validate(GridRule grid)
    {
        Axis(grid.Rows, $"{path}.rows", grid.Missing);
        Axis(grid.Columns, $"{path}.columns", grid.Missing);
        if (grid.Cells.Count != grid.Rows.Length)
            context.Add(subject, $"{path}.cells", $"has {grid.Cells.Count} rows but the rows axis has {grid.Rows.Length} entries");
        for (var r = 0; r < grid.Cells.Count; r++)
        {
            if (grid.Cells[r].Count != grid.Columns.Length)
                context.Add(subject, $"{path}.cells[{r}]", $"has {grid.Cells[r].Count} cells but the columns axis has {grid.Columns.Length} entries");
            foreach (var cell in grid.Cells[r])
                context.Points(subject, $"{path}.cells[{r}]", cell);
        }
    }

    private void Axis(GridAxis axis, string axisPath, MissingPolicy missing)
    {
        var fact = context.Fact(subject, $"{axisPath}.fact", axis.Fact);
        if (fact is null)
            return;
        if (axis.Values is { } values)
        {
            if (fact.IsNumeric)
                context.Add(subject, $"{axisPath}.values", $"fact '{axis.Fact}' is numeric: use bands on this axis");
            if (values.Count == 0)
                context.Add(subject, $"{axisPath}.values", "needs at least one value");
            foreach (var value in values.Where(v => !fact.IsNumeric && !LookupValidator.IsValue(fact, v)))
                context.Add(subject, $"{axisPath}.values", $"'{value}' is not a value of fact '{axis.Fact}' ({ConditionValidator.Describe(fact)})");
            foreach (var duplicate in values.GroupBy(v => v).Where(g => g.Count() > 1))
                context.Add(subject, $"{axisPath}.values", $"'{duplicate.Key}' is listed twice");
            if (missing == MissingPolicy.Zero && fact.Type == FactType.Category)
                context.Add(subject, $"{axisPath}.fact", "missing: zero has no meaning for a category fact");
        }
        else if (axis.Bands is { } bands)
        {
            if (!fact.IsNumeric)
                context.Add(subject, $"{axisPath}.bands", $"fact '{axis.Fact}' is {ConditionValidator.Describe(fact)}: use values on this axis");
            if (bands.Count == 0)
                context.Add(subject, $"{axisPath}.bands", "needs at least one band");
            RangeChecks.Check(bands, fact.Type == FactType.Integer, (i, message) => context.Add(subject, $"{axisPath}.bands[{i}]", message));
        }
    }
}
