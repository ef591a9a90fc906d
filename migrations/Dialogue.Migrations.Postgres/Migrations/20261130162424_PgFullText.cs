using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dialogue.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PgFullText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search on PostgreSQL (PostgresSearchIndex): a full-text vector of each post's own words, and of its thread's
            // title when it opens the thread, for the terms made of letters and digits of word-based scripts (prefix
            // matching: "eval" finds "evaluation"); Chinese and Japanese, and terms with punctuation, stay on the trigram
            // indexes of migration SearchAtScale. PostgreSQL only, as raw SQL: the model knows nothing of the column (EF
            // never reads or writes it) and SQLite has its own FTS5 table.
            //
            // 'simple': no stemming and no stop words, so English, Russian and any other word-based script index alike.
            // Punctuation becomes a break first, so the words of "co-operation", "example.com/path" or "2026-11-30" are
            // words like any other (the default parser would index "example.com" and "-11"); Chinese and Japanese
            // characters too, so "用GPT模型" yields "gpt" and the vector does not hold a useless lexeme per phrase.
            // PostgresSearchIndex.IsWordTerm mirrors these character ranges.
            migrationBuilder.Sql("""
                CREATE FUNCTION post_search_vector(title text, body text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT to_tsvector('simple', regexp_replace(coalesce(title, ''), '%BREAKS%', ' ', 'g'))
                        || to_tsvector('simple', regexp_replace(body, '%BREAKS%', ' ', 'g'))
                $$;
                """.Replace("%BREAKS%", Breaks, StringComparison.Ordinal));
            migrationBuilder.Sql("ALTER TABLE \"Posts\" ADD COLUMN \"SearchVector\" tsvector;");
            // Kept in step by triggers, like SQLite's PostSearch: any write path (pages, jobs, retention's purge, the bulk
            // generator) updates the vector in the same statement, so purged words never linger in it.
            migrationBuilder.Sql("""
                CREATE FUNCTION posts_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."SearchVector" := post_search_vector(
                        CASE WHEN NEW."Number" = 1 THEN (SELECT "Title" FROM "Threads" WHERE "Id" = NEW."ThreadId") END, NEW."PlainText");
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Posts_SearchVector" BEFORE INSERT OR UPDATE OF "PlainText", "Number", "ThreadId" ON "Posts"
                FOR EACH ROW EXECUTE FUNCTION posts_search_vector();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION threads_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Posts" SET "SearchVector" = post_search_vector(NEW."Title", "PlainText")
                    WHERE "ThreadId" = NEW."Id" AND "Number" = 1;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Threads_SearchVector" AFTER UPDATE OF "Title" ON "Threads"
                FOR EACH ROW WHEN (OLD."Title" IS DISTINCT FROM NEW."Title") EXECUTE FUNCTION threads_search_vector();
                """);
            migrationBuilder.Sql("""
                UPDATE "Posts" AS p SET "SearchVector" = post_search_vector(CASE WHEN p."Number" = 1 THEN t."Title" END, p."PlainText")
                FROM "Threads" AS t WHERE t."Id" = p."ThreadId";
                """);
            migrationBuilder.Sql("CREATE INDEX \"IX_Posts_SearchVector\" ON \"Posts\" USING gin (\"SearchVector\");");
        }

        /// <summary>
        /// What breaks words before the parser sees the text: punctuation and spaces (Unicode-aware in a UTF-8 locale) and
        /// the Chinese and Japanese blocks (CJK punctuation, kana, ideographs and their extensions, full-width forms).
        /// </summary>
        private const string Breaks = @"[[:punct:][:space:]\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]+";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Posts_SearchVector\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Threads_SearchVector\" ON \"Threads\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Posts_SearchVector\" ON \"Posts\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS threads_search_vector();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS posts_search_vector();");
            migrationBuilder.Sql("ALTER TABLE \"Posts\" DROP COLUMN IF EXISTS \"SearchVector\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS post_search_vector(text, text);");
        }
    }
}
