using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Access;

/// <summary>
/// Every page handler parameter (and bound page property, and the properties of a bound form) that looks like it names
/// something — a space, thread, post, ledger row, person or token — is either guarded by ResourceAccessFilter or listed
/// with its handler's own check. The pages are the app's own compiled pages, as Razor Pages sees them.
/// </summary>
public sealed class ResourceGuardConventionTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private sealed record Parameter(string Page, string Name, Type Type, bool Nested);

    [Fact]
    public async Task Every_id_like_page_parameter_is_guarded_or_declared()
    {
        var parameters = await PageParametersAsync();
        var idLike = parameters.Where(p => IsIdLike(p.Name, p.Type)).ToList();
        var guarded = ResourceAccessFilter.ThreadIds.Concat(ResourceAccessFilter.PostIds)
            .Concat(ResourceAccessFilter.SpaceIds).Concat(ResourceAccessFilter.SpaceSlugs).Concat(ResourceAccessFilter.WorkshopIds)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unguarded = idLike
            .Where(p => (p.Nested || !guarded.Contains(p.Name)) && !ResourceAccessFilter.Declared.ContainsKey((p.Page, p.Name)))
            .Select(p => $"{p.Page}: {p.Name}{(p.Nested ? " (inside a bound form, which the filter does not read)" : "")}")
            .Distinct()
            .ToList();
        Assert.True(unguarded.Count == 0, "Unguarded id-like page parameters:\n" + string.Join("\n", unguarded));

        // The enumeration found the pages it must find, so the convention cannot pass by seeing nothing.
        Assert.Contains(idLike, p => p is { Page: "/Threads/Details", Name: "threadId" });
        Assert.Contains(idLike, p => p is { Page: "/Threads/Reply", Name: "quotePostId" });
        Assert.Contains(idLike, p => p is { Page: "/Spaces/Details", Name: "slug" });
        Assert.Contains(idLike, p => p is { Page: "/Moderation/Thread", Name: "targetSpaceId" });
        Assert.Contains(idLike, p => p is { Page: "/Digests/View", Name: "ledgerId" });
        Assert.Contains(idLike, p => p is { Page: "/Search/Index", Name: "SpaceId" });
        Assert.Contains(idLike, p => p is { Page: "/Spaces/Edit", Name: "Data.Slug", Nested: true });
        Assert.True(idLike.Count > 30, $"Only {idLike.Count} id-like parameters found.");

        // A declared check names a parameter that exists; a stale entry would hide nothing and mislead the reader.
        foreach (var (page, name) in ResourceAccessFilter.Declared.Keys)
        {
            Assert.Contains(idLike, p => p.Page == page && p.Name == name);
        }
    }

    [Theory]
    [InlineData("postId")]
    [InlineData("quotePostId")]
    [InlineData("TargetUserId")]
    [InlineData("ledgerId")]
    [InlineData("Token")]
    [InlineData("ids")]
    [InlineData("slug")]
    [InlineData("Data.Slug")]
    [InlineData("someNumber", typeof(long))]
    public void A_name_or_type_that_names_something_is_id_like(string name, Type? type = null) =>
        Assert.True(IsIdLike(name, type ?? typeof(string)));

    [Theory]
    [InlineData("reason")]
    [InlineData("p", typeof(int))]
    [InlineData("hidden")]
    public void Words_and_page_numbers_are_not_id_like(string name, Type? type = null) =>
        Assert.False(IsIdLike(name, type ?? typeof(string)));

    private static bool IsIdLike(string qualifiedName, Type type) => IsIdLikeName(qualifiedName[(qualifiedName.LastIndexOf('.') + 1)..], type);

    private static bool IsIdLikeName(string name, Type type) =>
        name.EndsWith("Id", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("Ids", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("Token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("slug", StringComparison.OrdinalIgnoreCase)
        || (Nullable.GetUnderlyingType(type) ?? type) == typeof(long);

    private async Task<List<Parameter>> PageParametersAsync()
    {
        var actions = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().ToList();
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var parameters = new List<Parameter>();
        foreach (var action in actions.DistinctBy(a => a.ViewEnginePath))
        {
            var page = await loader.LoadAsync(action, EndpointMetadataCollection.Empty);
            foreach (var parameter in page.HandlerMethods.SelectMany(h => h.Parameters))
            {
                parameters.Add(new Parameter(page.ViewEnginePath, parameter.Name, parameter.ParameterType, false));
                parameters.AddRange(FormFields(page.ViewEnginePath, parameter.Name, parameter.ParameterType));
            }
            foreach (var property in page.BoundProperties)
            {
                parameters.Add(new Parameter(page.ViewEnginePath, property.Name, property.ParameterType, false));
                parameters.AddRange(FormFields(page.ViewEnginePath, property.Name, property.ParameterType));
            }
        }
        Assert.NotEmpty(parameters);
        return parameters;
    }

    /// <summary>The settable properties of a bound form object, named as the form names them (one level: the app's forms are flat).</summary>
    private static IEnumerable<Parameter> FormFields(string page, string owner, Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Dialogue", StringComparison.Ordinal) == true
            ? type.GetProperties().Where(p => p.CanWrite).Select(p => new Parameter(page, $"{owner}.{p.Name}", p.PropertyType, true))
            : [];
}
