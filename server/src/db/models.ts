// Sequelize models of the domain tables. Repositories map them to plain objects; nothing else sees them.
import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type CreationOptional, type Sequelize } from 'sequelize';

export class SentenceModel extends Model<InferAttributes<SentenceModel>, InferCreationAttributes<SentenceModel>> {
  declare id: CreationOptional<string>;
  declare text: string;
  declare locale: string;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class SpeakerModel extends Model<InferAttributes<SpeakerModel>, InferCreationAttributes<SpeakerModel>> {
  declare id: CreationOptional<string>;
  declare tokenHash: Buffer;
  declare consentedAt: Date;
  declare locale: string;
  declare ageRange: string | null;
  declare gender: string | null;
  declare nativeLanguage: string | null;
  declare accent: string | null;
  declare disabledAt: CreationOptional<Date | null>;
  declare erasedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
}

export class UserModel extends Model<InferAttributes<UserModel>, InferCreationAttributes<UserModel>> {
  declare id: CreationOptional<string>;
  declare email: string;
  declare passwordHash: string;
  declare role: string;
  declare disabledAt: CreationOptional<Date | null>;
  declare tokenEpoch: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class DeletionModel extends Model<InferAttributes<DeletionModel>, InferCreationAttributes<DeletionModel>> {
  declare id: CreationOptional<string>;
  declare takeId: string;
  declare deletedAt: CreationOptional<Date>;
  declare reason: string;
}

export interface Models {
  Sentence: typeof SentenceModel;
  Speaker: typeof SpeakerModel;
  User: typeof UserModel;
  Deletion: typeof DeletionModel;
}

const uuidKey = { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 };
const now = { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW };

export function defineModels(sequelize: Sequelize): Models {
  SentenceModel.init(
    {
      id: uuidKey,
      text: { type: DataTypes.TEXT, allowNull: false },
      locale: { type: DataTypes.TEXT, allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: now,
      updatedAt: now,
    },
    { sequelize, tableName: 'sentences' },
  );
  SpeakerModel.init(
    {
      id: uuidKey,
      tokenHash: { type: DataTypes.BLOB, allowNull: false },
      consentedAt: { type: DataTypes.DATE, allowNull: false },
      locale: { type: DataTypes.TEXT, allowNull: false },
      ageRange: DataTypes.TEXT,
      gender: DataTypes.TEXT,
      nativeLanguage: DataTypes.TEXT,
      accent: DataTypes.TEXT,
      disabledAt: DataTypes.DATE,
      erasedAt: DataTypes.DATE,
      createdAt: now,
    },
    { sequelize, tableName: 'speakers' },
  );
  UserModel.init(
    {
      id: uuidKey,
      email: { type: DataTypes.TEXT, allowNull: false },
      passwordHash: { type: DataTypes.TEXT, allowNull: false },
      role: { type: DataTypes.TEXT, allowNull: false },
      disabledAt: DataTypes.DATE,
      tokenEpoch: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: now,
      updatedAt: now,
    },
    { sequelize, tableName: 'users' },
  );
  DeletionModel.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      takeId: { type: DataTypes.UUID, allowNull: false },
      // Explicit field: Sequelize maps an attribute named deletedAt to created_at otherwise.
      deletedAt: { ...now, field: 'deleted_at' },
      reason: { type: DataTypes.TEXT, allowNull: false },
    },
    { sequelize, tableName: 'deletions' },
  );
  return { Sentence: SentenceModel, Speaker: SpeakerModel, User: UserModel, Deletion: DeletionModel };
}
