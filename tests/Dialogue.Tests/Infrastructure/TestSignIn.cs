using System.Net;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Infrastructure;

/// <summary>
/// A test-only endpoint, POST /test/sign-in (email, password), that signs a member in through Identity's
/// SignInManager exactly as a sign-in page does, and issues the real authentication cookie. It lets
/// infrastructure tests sign in without depending on the Accounts pages.
/// </summary>
public static class TestSignIn
{
    public const string Path = "/test/sign-in";

    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, Filter>());

    public static async Task SignInAsync(this HttpClient client, string email, string password = DialogueFactory.Password)
    {
        var response = await client.PostAsync(Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
        }));
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"Sign-in of {email} failed: {(int)response.StatusCode}");
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would set PathBase, and the cookie's path with it.
            app.Use(async (context, nextMiddleware) =>
            {
                if (!context.Request.Path.Equals(Path, StringComparison.Ordinal) || !HttpMethods.IsPost(context.Request.Method))
                {
                    await nextMiddleware(context);
                    return;
                }
                var form = await context.Request.ReadFormAsync();
                var users = context.RequestServices.GetRequiredService<UserManager<DialogueUser>>();
                var signIn = context.RequestServices.GetRequiredService<SignInManager<DialogueUser>>();
                var user = await users.FindByEmailAsync(form["email"].ToString());
                var result = user is null
                    ? SignInResult.Failed
                    : await signIn.PasswordSignInAsync(user, form["password"].ToString(), isPersistent: false, lockoutOnFailure: true);
                context.Response.StatusCode = result.Succeeded ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
            });
            next(app);
        };
    }
}
