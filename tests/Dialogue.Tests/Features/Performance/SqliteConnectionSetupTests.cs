using Dialogue.Data;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Performance;

/// <summary>The pragma that zeroes deleted content is set once per native connection, and every connection the pool hands out has it.</summary>
public sealed class SqliteConnectionSetupTests
{
    [Fact]
    public async Task Every_query_runs_on_a_connection_that_zeroes_deleted_content()
    {
        using var factory = new DialogueFactory { Provider = DatabaseProvider.Sqlite };
        await factory.CreateMemberAsync();
        // Several contexts one after another borrow the same pooled native connection; each query opens it again.
        for (var i = 0; i < 3; i++)
        {
            var settings = await factory.WithDbAsync(async db =>
            {
                var first = await db.Database.SqlQueryRaw<long>("SELECT secure_delete AS Value FROM pragma_secure_delete").SingleAsync();
                var second = await db.Database.SqlQueryRaw<long>("SELECT secure_delete AS Value FROM pragma_secure_delete").SingleAsync();
                return (first, second);
            });
            Assert.Equal((1L, 1L), settings);
        }
    }
}
