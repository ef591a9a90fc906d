using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Members;

/// <summary>Registration and the profile offer the same searchable zone control, and the profile suggests the browser's zone.</summary>
public sealed class TimeZonePickerTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private static HttpClient WithBrowserZone(HttpClient client, string zone)
    {
        client.DefaultRequestHeaders.Add("Cookie", "tz=" + Uri.EscapeDataString(zone));
        return client;
    }

    [Fact]
    public async Task Registration_and_profile_offer_the_same_searchable_zone_list_with_offsets()
    {
        var member = await factory.CreateMemberAsync();
        var register = await factory.CreateBrowser().GetPageAsync("/Accounts/Register");
        var profile = await (await factory.CreateSignedInBrowserAsync(member)).GetPageAsync("/Accounts/Profile");

        foreach (var page in new[] { register, profile })
        {
            var input = page.QuerySelector<IHtmlInputElement>("#Data_TimeZone")!;
            Assert.Equal("text", input.Type);
            var list = page.GetElementById(input.GetAttribute("list")!)!;
            Assert.Equal("datalist", list.LocalName);
            var shanghai = list.QuerySelector("option[value='Asia/Shanghai']")!;
            Assert.Equal("UTC+08:00", shanghai.TextContent);
        }
        Assert.Null(register.QuerySelector("select#Data_TimeZone"));
    }

    [Fact]
    public async Task Profile_of_a_member_without_a_zone_is_prefilled_with_the_browsers_zone()
    {
        var member = await factory.CreateMemberAsync();
        var client = WithBrowserZone(await factory.CreateSignedInBrowserAsync(member), "America/Sao_Paulo");

        var page = await client.GetPageAsync("/Accounts/Profile");

        Assert.Equal("America/Sao_Paulo", page.QuerySelector<IHtmlInputElement>("#Data_TimeZone")!.Value);
        Assert.NotNull(page.GetElementById("time-zone-suggestion"));
    }

    [Fact]
    public async Task Profile_keeps_a_zone_the_member_chose_over_the_browsers()
    {
        var member = await factory.CreateMemberAsync();
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, "Asia/Tokyo")));
        var client = WithBrowserZone(await factory.CreateSignedInBrowserAsync(member), "America/Sao_Paulo");

        var page = await client.GetPageAsync("/Accounts/Profile");

        Assert.Equal("Asia/Tokyo", page.QuerySelector<IHtmlInputElement>("#Data_TimeZone")!.Value);
        Assert.Null(page.GetElementById("time-zone-suggestion"));
    }
}
