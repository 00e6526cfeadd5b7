using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adal.Platform.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerBundles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // LedgerEntries (one row per entry) stays: LedgerRepair packs its rows into bundles at start-up, in C#, since
            // a bundle's binary records cannot be built in SQL on both engines. It is left empty and dropped later.
            migrationBuilder.CreateTable(
                name: "LedgerBundles",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Leaves = table.Column<byte[]>(type: "bytea", nullable: false),
                    Openings = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerBundles", x => new { x.TenantId, x.Index });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("Bundled entries cannot be taken back to one row per entry; restore a backup instead.");
    }
}
