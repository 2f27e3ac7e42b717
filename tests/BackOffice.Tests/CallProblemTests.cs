using Grpc.Core;
using TalentMesh.BackOffice.Credentials;
using TalentMesh.BackOffice.ServiceClients;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.BackOffice.Tests;

public sealed class CallProblemTests
{
    [Fact]
    public void From_BadRequest_MapsEachFieldToItsViolations()
    {
        var problem = CallProblem.From(FakeCall.FieldViolations(("reason", "required"), ("reason", "too long"), ("policy.title", "empty")));

        Assert.Equal(StatusCode.InvalidArgument, problem.Status);
        Assert.Equal("required; too long", problem.ErrorFor("reason"));
        Assert.Equal("empty", problem.ErrorFor("title"));
        Assert.Null(problem.ErrorFor("note"));
    }

    [Fact]
    public void From_FailedPrecondition_IsAConflictNotAnOutage()
    {
        var problem = CallProblem.From(FakeCall.FailedPrecondition("already decided"));

        Assert.True(problem.IsConflict);
        Assert.False(problem.IsOutage);
        Assert.Empty(problem.FieldViolations);
    }

    [Fact]
    public void From_Unavailable_IsAnOutage()
    {
        Assert.True(CallProblem.From(FakeCall.Unavailable()).IsOutage);
    }
}

public sealed class AttributeRowsTests
{
    [Fact]
    public void Of_Degree_ListsEveryFieldOfTheCaseInContractOrder()
    {
        var attributes = new CredentialAttributes
        {
            Degree = new DegreeAttributes
            {
                Level = EducationLevel.Master,
                Institution = "浙江大学",
                GraduationDate = new Google.Type.Date { Year = 2020, Month = 6, Day = 30 },
                FullTime = true,
            },
        };

        var rows = AttributeRows.Of(attributes);

        Assert.Equal(["level", "institution", "major", "graduation_date", "full_time", "double_first_class", "overseas"], rows.Select(row => row.Field));
        Assert.Equal("EDUCATION_LEVEL_MASTER", rows[0].Value);
        Assert.Equal("2020-06-30", rows[3].Value);
        Assert.Equal("✓", rows[4].Value);
        Assert.Equal("—", rows[2].Value);
    }

    [Fact]
    public void Of_NoAttributes_IsEmpty()
    {
        Assert.Empty(AttributeRows.Of(new CredentialAttributes()));
    }
}
