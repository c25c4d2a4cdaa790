/** The permission table of Route 53: the private zone, its records, VPC authorizations and associations. */
import {
  privateZoneCondition,
  routeChanges,
  Rules,
  single,
  vpcCondition,
  zoneArn,
} from "../grants";

export const route53Resources: Record<string, Rules> = {
  aws_route53_record: {
    grants: single(
      [
        "route53:ChangeResourceRecordSets",
        "route53:ListResourceRecordSets",
        "route53:GetHostedZone",
        "route53:GetChange",
      ],
      (config, ctx) => [zoneArn(config.zone_id, ctx), routeChanges(ctx)],
    ),
  },
  aws_route53_zone: {
    grants: (config, ctx) => [
      {
        actions: ["route53:CreateHostedZone"],
        arns: [zoneArn(undefined, ctx)],
        condition: privateZoneCondition(config.vpc?.[0]?.vpc_id, ctx),
      },
      {
        actions: [
          "route53:GetHostedZone",
          "route53:UpdateHostedZoneComment",
          "route53:DeleteHostedZone",
          "route53:ListResourceRecordSets",
          "route53:ListTagsForResource",
          "route53:ChangeTagsForResource",
          "route53:GetChange",
          // npm run adopt looks the zone up by name (src/adopt/discovery.ts).
          "route53:ListHostedZonesByName",
          "ec2:DescribeVpcs",
        ],
        arns: [zoneArn(undefined, ctx), routeChanges(ctx)],
      },
    ],
  },
  aws_route53_vpc_association_authorization: {
    grants: (config, ctx) => [
      {
        actions: [
          "route53:CreateVPCAssociationAuthorization",
          "route53:DeleteVPCAssociationAuthorization",
          "route53:ListVPCAssociationAuthorizations",
        ],
        arns: [zoneArn(config.zone_id, ctx)],
        condition: vpcCondition(config.vpc_id, ctx),
      },
    ],
  },
  aws_route53_zone_association: {
    grants: (config, ctx) => [
      {
        actions: [
          "route53:AssociateVPCWithHostedZone",
          "route53:DisassociateVPCFromHostedZone",
          "route53:ListHostedZonesByVPC",
          "route53:GetChange",
          "ec2:DescribeVpcs",
        ],
        arns: [zoneArn(config.zone_id, ctx), routeChanges(ctx)],
        condition: vpcCondition(config.vpc_id, ctx),
      },
    ],
  },
};

export const route53DataSources: Record<string, Rules> = {
  aws_route53_zone: {
    grants: single(["route53:GetHostedZone", "route53:ListTagsForResource"], (config, ctx) => [
      zoneArn(config.zone_id, ctx),
    ]),
  },
};
