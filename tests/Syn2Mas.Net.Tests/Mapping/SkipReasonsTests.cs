using System.Text.RegularExpressions;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Mapping;

namespace Syn2Mas.Net.Tests.Mapping;

public sealed partial class SkipReasonsTests
{
    [Fact]
    public void Every_reason_is_distinct_kebab_case_text()
    {
        Assert.Equal(20, SkipReasons.All.Count);
        Assert.Equal(SkipReasons.All.Count, SkipReasons.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(SkipReasons.All, reason => Assert.Matches(KebabCase(), reason));
    }

    [Fact]
    public void Reasons_and_warnings_the_advisor_predicts_use_its_finding_codes()
    {
        Assert.Equal(SkipReasons.UserIdMalformed, FindingCatalog.UserIdMalformed.Code);
        Assert.Equal(SkipReasons.UserIdWrongServer, FindingCatalog.UserIdWrongServer.Code);
        Assert.Equal(MappingWarningCodes.DeviceIpUnparsable, FindingCatalog.DeviceIpUnparsable.Code);
        Assert.Equal(MappingWarningCodes.AppserviceLocalpartWithColon, FindingCatalog.AppserviceLocalpartWithColon.Code);
        Assert.Equal(MappingWarningCodes.ImplausibleTime, FindingCatalog.ImplausibleTimes.Code);
        Assert.Equal(SkipReasons.InvalidUtf8, FindingCatalog.InvalidUtf8.Code);
        Assert.Equal(SkipReasons.NotANumber, FindingCatalog.NotANumber.Code);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
