import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { PolicyStatement, policyDocument } from "../private/iam-policy";

/** The address of the role a ServiceRole with Terraform name `terraformName` emits. */
export function serviceRoleAddress(terraformName: string): string {
  return resourceAddress(IamRole, terraformName);
}

export interface ServiceRoleProps {
  readonly provider: AwsProvider;
  /**
   * The Terraform name of the role and its policy (`aws_iam_role.<name>`).
   */
  readonly terraformName: string;
  readonly roleName: string;
  readonly description: string;
  /** Service principal allowed to assume the role, for example `ses.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Confused-deputy guard: only requests on behalf of this account. */
  readonly sourceAccount: string;
  /** Confused-deputy guard: only requests from these resources. */
  readonly sourceArns: string[];
  /** The permissions of the role's inline policy. */
  readonly statements: PolicyStatement[];
}

/**
 * An IAM role a service assumes, with `aws:SourceAccount` and `aws:SourceArn` trust conditions and
 * one inline policy. Inline (`aws_iam_role_policy`) rather than `aws_iam_policy_attachment`, which
 * is exclusive across the whole account.
 *
 * Both policies are rendered at synthesis, so they are known at plan time and change only when the
 * configuration changes them.
 *
 * Emits `aws_iam_role` and `aws_iam_role_policy`.
 */
export class ServiceRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;
  public readonly roleArn: string;
  /** The trust policy document, as synthesized. */
  public readonly trustPolicy: string;
  /** The inline policy document, as synthesized. */
  public readonly permissionsPolicy: string;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const { provider } = props;
    this.trustPolicy = policyDocument([
      {
        Sid: "AllowServiceOnBehalfOfThisAccount",
        Effect: "Allow",
        Principal: { Service: props.servicePrincipal },
        Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: { "aws:SourceAccount": [props.sourceAccount] },
          ArnLike: { "aws:SourceArn": props.sourceArns },
        },
      },
    ]);
    this.role = new IamRole(this, "role", {
      provider,
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: this.trustPolicy,
    });
    named(this.role, props.terraformName);
    this.permissionsPolicy = policyDocument(props.statements);
    this.policy = new IamRolePolicy(this, "policy", {
      provider,
      name: props.roleName,
      role: this.role.id,
      policy: this.permissionsPolicy,
    });
    named(this.policy, props.terraformName);
    this.roleArn = this.role.arn;
  }
}
