// ag-grid themes matching the app's light and dark palettes (the theming API injects its CSS with the page's nonce).
import { colorSchemeDarkBlue, colorSchemeLight, themeQuartz } from 'ag-grid-community';

const common = {
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  spacing: 5,
  cellHorizontalPadding: 10,
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  rowBorder: true,
  columnBorder: true,
} as const;

/** The grid's colours, shared with the first screen (FirstRows) so the hand-over to ag-grid does not show. */
export interface GridPalette {
  readonly backgroundColor: string;
  readonly foregroundColor: string;
  readonly headerBackgroundColor: string;
  readonly oddRowBackgroundColor: string;
  readonly borderColor: string;
}

export const lightGridPalette: GridPalette = {
  backgroundColor: '#ffffff',
  foregroundColor: '#1d2330',
  headerBackgroundColor: '#f3f5f8',
  oddRowBackgroundColor: '#fafbfc',
  borderColor: '#e3e6eb',
};

export const darkGridPalette: GridPalette = {
  backgroundColor: '#161a21',
  foregroundColor: '#e3e7ee',
  headerBackgroundColor: '#1c212a',
  oddRowBackgroundColor: '#191d25',
  borderColor: '#2a303a',
};

export const lightGridTheme = themeQuartz.withPart(colorSchemeLight).withParams({
  ...common,
  ...lightGridPalette,
  accentColor: '#2f6fed',
  selectedRowBackgroundColor: 'rgba(47, 111, 237, 0.14)',
});

export const darkGridTheme = themeQuartz.withPart(colorSchemeDarkBlue).withParams({
  ...common,
  ...darkGridPalette,
  accentColor: '#6b9cff',
  selectedRowBackgroundColor: 'rgba(107, 156, 255, 0.18)',
});
