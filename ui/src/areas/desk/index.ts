// The service desk area: its screens are one chunk, loaded when first opened.
export { KanbanBoard, type KanbanBoardProps, type KanbanColumn, type CardKey } from './KanbanBoard';
export { IntakeForm, IntakeLauncher, INTAKE_HOTKEYS, deriveTitle, type IntakeFormProps, type IntakeSubmit, type IntakeValues } from './IntakeForm';
export { CustomerFinder, useDebounced } from './CustomerFinder';
export { KeyChoice, type KeyChoiceOption } from './KeyChoice';
export { CaseTimeline, changeText, type FieldChange, type TimelineEvent } from './CaseTimeline';
export { DueTime, Money, OverdueTag, PriorityTag, Satisfaction, StatusTag, formatDuration, useNow } from './tags';
export { ChartCard, loadEcharts, type ChartCardProps } from './ChartCard';
export { CHART_COLOURS, chartOption, type ChartDatum, type ChartKind } from './chartOption';
export { DeskIntake, openCase } from './DeskIntake';
export { CaseScreen } from './CaseScreen';
export { CasesScreen, CustomerCasesCard, FollowUpsScreen, MyCasesScreen, MyWorkOrdersScreen } from './Lists';
export { KanbanScreen } from './KanbanScreen';
export { DashboardScreen } from './DashboardScreen';
export { KnowledgeScreen } from './KnowledgeScreen';
export { SuppliersScreen } from './SuppliersScreen';
export { DeskSettingsScreen } from './DeskSettingsScreen';
export * from './vocab';
