import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ implements: Node, description: "A department stationed at the city centre (进驻部门)." })
@Entity("department")
export class Department {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Short code, unique (used in workspace addresses)." })
  @Column({ type: "varchar", length: 20, unique: true })
  code: string;

  @Field({ description: "Full name, e.g. 石首市公安局." })
  @Column({ type: "varchar", length: 100, unique: true })
  name: string;

  @Field({ description: "Short name, e.g. 公安局." })
  @Column({ type: "varchar", length: 40 })
  shortName: string;

  @Field({ description: "The one section that holds all of the department's approval work (行政审批服务股)." })
  @Column({ type: "varchar", length: 100 })
  approvalSection: string;

  @Field({ description: "Whether the department is stationed at the centre now." })
  @Column({ type: "boolean", default: true })
  active: boolean;
}
