/** Fonts, sizes, styles and the numbering definitions of the DOCX export. */
import {
  AlignmentType,
  type INumberingOptions,
  type IStylesOptions,
  LevelFormat,
  LevelSuffix,
} from "docx";

export const FONT = "Times New Roman";
/** Half-points. */
export const SIZE = { body: 24, small: 18, tiny: 15, table: 19, title: 32, proposer: 18 } as const;
/** Twips (1/1440 inch): the hanging indent of article numbers. */
export const ARTICLE_INDENT = 1247;

export const NUMBERING = {
  /** Level 0: the section headings (no visible number, it only counts); level 1: `Art. N.M`. */
  articles: "parley-articles",
  /** Articles before the first section heading: `Art. N`. */
  leadArticles: "parley-articles-lead",
  bullets: "parley-bullets",
  ordered: "parley-ordered",
} as const;

const listLevels = (ordered: boolean) =>
  Array.from({ length: 6 }, (_, level) => ({
    level,
    format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : ["•", "–", "◦"][level % 3],
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 + level * 360, hanging: 360 } } },
  }));

export const NUMBERING_OPTIONS: INumberingOptions = {
  config: [
    {
      reference: NUMBERING.articles,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: "",
          suffix: LevelSuffix.NOTHING,
          alignment: AlignmentType.CENTER,
        },
        {
          level: 1,
          format: LevelFormat.DECIMAL,
          text: "Art. %1.%2",
          suffix: LevelSuffix.TAB,
          alignment: AlignmentType.LEFT,
          isLegalNumberingStyle: true,
          style: {
            run: { bold: true },
            paragraph: { indent: { left: ARTICLE_INDENT, hanging: ARTICLE_INDENT } },
          },
        },
      ],
    },
    {
      reference: NUMBERING.leadArticles,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: "Art. %1",
          suffix: LevelSuffix.TAB,
          alignment: AlignmentType.LEFT,
          style: {
            run: { bold: true },
            paragraph: { indent: { left: ARTICLE_INDENT, hanging: ARTICLE_INDENT } },
          },
        },
      ],
    },
    { reference: NUMBERING.bullets, levels: listLevels(false) },
    { reference: NUMBERING.ordered, levels: listLevels(true) },
  ],
};

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: SIZE.body },
      paragraph: { spacing: { after: 140, line: 276 } },
    },
    title: {
      run: { font: FONT, size: SIZE.title, bold: true, allCaps: true, color: "000000" },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 } },
    },
    heading1: {
      run: { font: FONT, size: 28, bold: true, color: "000000" },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 200 } },
    },
    heading2: {
      run: { font: FONT, size: SIZE.body, bold: true, allCaps: true, color: "000000" },
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: { before: 360, after: 200 },
        keepNext: true,
      },
    },
    heading3: {
      run: { font: FONT, size: SIZE.body, italics: true, color: "000000" },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
    },
    heading4: { run: { font: FONT, size: SIZE.body, bold: true, color: "000000" } },
    heading5: { run: { font: FONT, size: SIZE.body, italics: true, color: "000000" } },
    heading6: { run: { font: FONT, size: SIZE.body, color: "000000" } },
    hyperlink: { run: { color: "1A3F7A", underline: {} } },
  },
};
