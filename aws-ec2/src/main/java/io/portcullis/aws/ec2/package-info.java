/**
 * EC2 security-group rules through the Portcullis model: {@link io.portcullis.aws.ec2.Ec2RuleTranslator} translates
 * neutral rules to and from EC2's IP permissions without I/O, {@link io.portcullis.aws.ec2.Ec2SecurityGroupRules}
 * calls an {@code Ec2Client}, {@link io.portcullis.aws.ec2.AwsCliRuleParser} reads AWS CLI syntax and {@link
 * io.portcullis.aws.ec2.Ec2Errors} turns EC2's errors into the core typed exceptions.
 */
@NullMarked
package io.portcullis.aws.ec2;

import org.jspecify.annotations.NullMarked;
