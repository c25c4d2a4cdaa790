/** The permission table of the event table's Glue Data Catalog database and table. */
import { literal, orAny, regional, Rules, StackContext } from "../grants";

const catalog = (ctx: StackContext) => regional(ctx, "glue", "catalog");
const database = (name: string, ctx: StackContext) => regional(ctx, "glue", `database/${name}`);

export const glueResources: Record<string, Rules> = {
  aws_glue_catalog_database: {
    idAttribute: "name",
    grants: (config, ctx) => {
      const name = orAny(literal(config.name, ctx));
      return [
        {
          actions: [
            "glue:CreateDatabase",
            "glue:GetDatabase",
            "glue:UpdateDatabase",
            "glue:DeleteDatabase",
            "glue:GetTags",
            "glue:TagResource",
            "glue:UntagResource",
          ],
          // Deleting a database deletes its tables and functions: Glue checks those too.
          arns: [
            catalog(ctx),
            database(name, ctx),
            regional(ctx, "glue", `table/${name}/*`),
            regional(ctx, "glue", `userDefinedFunction/${name}/*`),
          ],
        },
      ];
    },
  },
  aws_glue_catalog_table: {
    grants: (config, ctx) => {
      const db = orAny(literal(config.database_name, ctx));
      return [
        {
          actions: [
            "glue:CreateTable",
            "glue:GetTable",
            "glue:UpdateTable",
            "glue:DeleteTable",
            "glue:GetPartitionIndexes",
          ],
          arns: [
            catalog(ctx),
            database(db, ctx),
            regional(ctx, "glue", `table/${db}/${orAny(literal(config.name, ctx))}`),
          ],
        },
      ];
    },
  },
};
